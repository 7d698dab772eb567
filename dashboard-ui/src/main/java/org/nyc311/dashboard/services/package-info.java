/**
 * The dashboard's side of the platform's REST APIs: records of its own for the JSON it reads (unknown fields are
 * ignored, so a service may add fields freely), called server-side; the browser never calls a service.
 */
package org.nyc311.dashboard.services;
