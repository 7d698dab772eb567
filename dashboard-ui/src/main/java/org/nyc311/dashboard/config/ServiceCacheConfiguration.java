package org.nyc311.dashboard.config;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The services' answers, kept for {@code nyc311.services.cache-ttl} (the service clients' {@code @Cacheable}
 * methods): they change once a day, while a view is opened many times a minute by several people. A failure is
 * never kept, so a service that comes back is asked again at once. The answers are the dashboard's, not a user's
 * (it calls with its own credential), so every user shares them.
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching
class ServiceCacheConfiguration {

    /** Per kind of answer (one cache per client method): enough for every series a morning's browsing touches. */
    private static final long ANSWERS_PER_CACHE = 5_000;

    @Bean
    CacheManager cacheManager(ServicesProperties services) {
        CaffeineCacheManager caches = new CaffeineCacheManager();
        caches.setCaffeine(
                Caffeine.newBuilder().expireAfterWrite(services.cacheTtl()).maximumSize(ANSWERS_PER_CACHE));
        return caches;
    }
}
