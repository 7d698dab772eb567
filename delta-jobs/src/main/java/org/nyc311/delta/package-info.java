/** The medallion as programs: argument parsing, the lake layout, running stages on a session, the local batch. */
package org.nyc311.delta;
