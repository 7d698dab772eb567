/** Bronze: raw NDJSON files taken exactly once into an append-only Delta table, every field a string. */
package org.nyc311.delta.bronze;
