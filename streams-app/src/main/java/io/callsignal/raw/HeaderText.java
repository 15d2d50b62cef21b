package io.callsignal.raw;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * One Kafka header as text: a UTF-8 value as it is, any other as {@code base64:...}. A record's
 * headers are a list of these in their order, since a key may repeat.
 */
public record HeaderText(@JsonProperty("key") String key, @JsonProperty("value") String value) {

    private static final String BASE64 = "base64:";

    public static List<HeaderText> of(Headers headers) {
        List<HeaderText> text = new ArrayList<>();
        if (headers != null) {
            for (Header header : headers) {
                byte[] value = header.value();
                String utf8 = Utf8.decodeOrNull(value);
                text.add(new HeaderText(header.key(), value == null ? null
                        : utf8 != null ? utf8 : BASE64 + Base64.getEncoder().encodeToString(value)));
            }
        }
        return text;
    }

    /**
     * The value's original bytes. A UTF-8 value that itself began with {@code base64:} cannot be
     * told apart; headers callsignal reads never do.
     */
    public byte[] bytes() {
        if (value == null) {
            return null;
        }
        return value.startsWith(BASE64) ? Base64.getDecoder().decode(value.substring(BASE64.length()))
                : value.getBytes(StandardCharsets.UTF_8);
    }
}
