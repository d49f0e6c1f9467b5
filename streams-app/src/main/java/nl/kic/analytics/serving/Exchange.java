package nl.kic.analytics.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** One request and its answer, which is sent once: a later send is ignored. */
public final class Exchange {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final AtomicBoolean answered = new AtomicBoolean();

    Exchange(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    public String method() {
        return request.getMethod();
    }

    /** The decoded path, without the query. */
    public String path() {
        return Request.getPathInContext(request);
    }

    /** A request header, or null. */
    public String header(String name) {
        return request.getHeaders().get(name);
    }

    /** A cookie the request carries, or null. */
    public String cookie(String name) {
        try {
            for (HttpCookie cookie : Request.getCookies(request)) {
                if (cookie.getName().equals(name)) {
                    return cookie.getValue();
                }
            }
        } catch (RuntimeException malformed) {
            return null;
        }
        return null;
    }

    /** The raw (still encoded) query string, or null. */
    public String rawQuery() {
        return request.getHttpURI().getQuery();
    }

    /**
     * The request's body, at most {@code maxBytes}.
     *
     * @throws IOException when it cannot be read or is longer
     */
    public byte[] body(int maxBytes) throws IOException {
        InputStream in = Request.asInputStream(request);
        byte[] body = in.readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            throw new IOException("the request body is longer than " + maxBytes + " bytes");
        }
        return body;
    }

    /** Sets a header of the answer. */
    public void header(String name, String value) {
        response.getHeaders().put(name, value);
    }

    /**
     * The query's parameters, decoded as a form is ({@code +} is a space); the first value of each.
     *
     * @throws IllegalArgumentException when the query is not correctly encoded
     */
    public Map<String, String> query() {
        Fields fields;
        try {
            fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the query string is not correctly encoded (a '%' must be followed by two hex digits)");
        }
        Map<String, String> parameters = new HashMap<>();
        for (Fields.Field field : fields) {
            parameters.put(field.getName(), field.getValue());
        }
        return parameters;
    }

    /** Sends the answer; the status and body are the server's own, never the request's. */
    public void send(int status, String contentType, byte[] body) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Sends {@code {"error": message}}. */
    public void sendError(int status, String message) {
        try {
            send(status, "application/json", JSON.writeValueAsBytes(Map.of("error", message)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
