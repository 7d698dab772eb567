/**
 * Data-quality alerts: after each successful run, the feed itself is judged (a citywide day far below its usual
 * level, a day with no requests at all, a surge in silver's quarantine rate), so that an outage upstream is not read
 * as quiet streets. Its own tables; the Pipeline view shows what it raised.
 */
@NullMarked
package org.nyc311.controller.quality;

import org.jspecify.annotations.NullMarked;
