/** Pipeline runs: which batches a run covers, its state machine in PostgreSQL, the worker that runs them, and GoldRefreshed on success. */
package org.nyc311.controller.run;
