/** SQS in: GoldRefreshed, recorded once per event id, in the shared event JSON. */
package org.nyc311.forecastservice.messaging;
