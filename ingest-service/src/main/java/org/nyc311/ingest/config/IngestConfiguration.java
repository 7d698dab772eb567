package org.nyc311.ingest.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The service's settings; its clock and event JSON come from service-support. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IngestProperties.class, LakeProperties.class})
public class IngestConfiguration {}
