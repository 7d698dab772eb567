/** A stub Databricks workspace's sign-in: the OAuth machine-to-machine answers the Databricks SDK reads. */
@NullMarked
package org.nyc311.testsupport.databricks;

import org.jspecify.annotations.NullMarked;
