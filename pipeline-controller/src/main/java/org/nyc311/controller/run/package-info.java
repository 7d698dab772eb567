/** Pipeline runs: which batches a run covers, its state machine in PostgreSQL, the worker that runs them, and GoldRefreshed on success. */
@NullMarked
package org.nyc311.controller.run;

import org.jspecify.annotations.NullMarked;
