/**
 * Gold's daily extract: the two tables the services read ({@code daily_series}, {@code series_catalog}) as gzipped
 * CSV files on the lake bucket, named by a manifest written last, so that a service can read gold from S3 instead of a
 * SQL warehouse. delta-jobs writes it after every gold write; service-support reads it. One format, defined here.
 */
@NullMarked
package org.nyc311.model.gold.extract;

import org.jspecify.annotations.NullMarked;
