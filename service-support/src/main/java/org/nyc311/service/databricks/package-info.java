/** How a service signs in to a Databricks workspace: OAuth M2M for a service principal, or a personal access token. */
@NullMarked
package org.nyc311.service.databricks;

import org.jspecify.annotations.NullMarked;
