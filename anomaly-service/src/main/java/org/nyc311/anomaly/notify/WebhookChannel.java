package org.nyc311.anomaly.notify;

import java.net.URI;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * A Slack-compatible incoming webhook: a JSON POST {@code {"text": ...}} (Slack, Mattermost, Teams' and most chat
 * tools' incoming webhooks take it). Anything but a 2xx, or no answer within the timeouts, is a failure.
 */
final class WebhookChannel implements AlertChannel {

    private final RestClient http;
    private final URI url;

    WebhookChannel(RestClient.Builder builder, URI url, NotifyProperties settings) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(settings.connectTimeout());
        requests.setReadTimeout(settings.readTimeout());
        this.http = builder.clone().requestFactory(requests).build();
        this.url = url;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void send(AlertNotice notice) {
        http.post()
                .uri(url)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("text", notice.text()))
                .retrieve()
                .toBodilessEntity();
    }
}
