@NullMarked
package org.nyc311.testsupport.mlflow;

import org.jspecify.annotations.NullMarked;
