/** Event messaging on SQS, the same in every service: shared-model's JSON, no Java type headers. */
package org.nyc311.service.messaging;
