/** Gold table and column names, shared by the job that writes gold and the services that read it. */
package org.nyc311.model.gold;
