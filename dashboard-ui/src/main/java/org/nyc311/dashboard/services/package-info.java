/**
 * The dashboard's side of the platform's REST APIs, called server-side (the browser never calls a service)
 * through HTTP interface clients of the contracts in service-api: the payloads are the services' own records,
 * so a renamed field fails this module's compile. Unknown fields are ignored, so a service may add fields freely.
 */
@NullMarked
package org.nyc311.dashboard.services;

import org.jspecify.annotations.NullMarked;
