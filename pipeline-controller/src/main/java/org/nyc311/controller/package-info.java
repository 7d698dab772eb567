@NullMarked
package org.nyc311.controller;

import org.jspecify.annotations.NullMarked;
