/** What the browser tests need to drive Debian's headless Chromium, without Playwright on this module's classpath. */
@NullMarked
package org.nyc311.testsupport.browser;

import org.jspecify.annotations.NullMarked;
