/** SQS in: GoldRefreshed, recorded once per event id, in the shared event JSON. */
@NullMarked
package org.nyc311.forecastservice.messaging;

import org.jspecify.annotations.NullMarked;
