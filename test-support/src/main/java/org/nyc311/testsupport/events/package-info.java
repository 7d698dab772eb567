/** Events tests read off the queues. */
@NullMarked
package org.nyc311.testsupport.events;

import org.jspecify.annotations.NullMarked;
