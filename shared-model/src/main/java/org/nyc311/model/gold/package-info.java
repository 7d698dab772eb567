/** Gold table and column names, shared by the job that writes gold and the services that read it. */
@NullMarked
package org.nyc311.model.gold;

import org.jspecify.annotations.NullMarked;
