/** The one local AWS account that every stand-in (s3proxy, ElasticMQ) and every client in the tests share. */
@NullMarked
package org.nyc311.testsupport.aws;

import org.jspecify.annotations.NullMarked;
