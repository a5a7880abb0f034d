package org.diplomacytracker.web.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@code Allow} header of a 405, read from the router itself: the methods of every route whose path
 * matches the request's, so it cannot drift from what is mounted. Vert.x collects them while routing but
 * does not hand them to an error handler.
 */
public final class AllowedMethods {

    private AllowedMethods() {
    }

    /** The methods routed at {@code path} (normalised), as an {@code Allow} value; empty when none. */
    public static String at(Router router, String path) {
        Set<String> methods = new TreeSet<>();
        for (Route route : router.getRoutes()) {
            Set<HttpMethod> routed = route.methods();
            if (routed != null && !routed.isEmpty() && matches(route, path)) {
                routed.forEach(m -> methods.add(m.name()));
            }
        }
        return String.join(", ", methods);
    }

    private static boolean matches(Route route, String path) {
        String template = route.getPath();
        if (template == null) {
            return false; // a regex route: none is mounted
        }
        if (!route.isExactPath()) {
            return path.startsWith(template) || (path + "/").equals(template);
        }
        if (template.indexOf(':') < 0) {
            return path.equals(template) || path.equals(template + "/");
        }
        String regex = Arrays.stream(template.split("/", -1))
                .map(segment -> segment.startsWith(":") ? "[^/]+" : Pattern.quote(segment))
                .collect(Collectors.joining("/"));
        return Pattern.matches(regex + "/?", path);
    }
}
