package org.diplomacytracker.web.dashboard;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.regex.Pattern;

/**
 * Serves the dashboard from the jar: the page at {@code /}, its assets under {@code /assets/}
 * ({@code webroot/} on the classpath) and WebJars under {@code /webjars/}. Nothing is fetched from
 * elsewhere at run time, and the page's Content-Security-Policy says so to the browser too: scripts,
 * styles and connections from this origin only, so data rendered by mistake as markup could not run.
 */
public final class DashboardRoutes {

    /** Same origin only; %s is where the page's own websocket may connect. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'%s; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    /** A Host header fit to name in the policy: a name or an IPv6 literal, and a port. */
    private static final Pattern HOST =
            Pattern.compile("([A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}])(:[0-9]{1,5})?");

    private static final int A_YEAR = 365 * 24 * 3600;

    public void mount(Router router) {
        // WebJars paths carry their version: cache them for good
        read(router, "/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars")
                .setMaxAgeSeconds(A_YEAR)
                .setDirectoryListing(false));
        // the page and its own assets change with each release: revalidate (Last-Modified) every time
        StaticHandler webroot = StaticHandler.create("webroot")
                .setIndexPage("index.html")
                .setDirectoryListing(false);
        read(router, "/").handler(DashboardRoutes::pageHeaders).handler(webroot);
        read(router, "/index.html").handler(DashboardRoutes::pageHeaders).handler(webroot);
        read(router, "/assets/*").handler(DashboardRoutes::revalidate)
                .handler(StaticHandler.create("webroot/assets").setDirectoryListing(false));
    }

    /** GET, and HEAD for monitors and caches that only ask whether the page is there. */
    private static Route read(Router router, String path) {
        return router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD);
    }

    private static void pageHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", contentSecurityPolicy(ctx.request().getHeader("Host")))
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY");
        revalidate(ctx);
    }

    /**
     * CSP Level 3 browsers count the page's own ws:/wss: origin as 'self'; older ones need it named,
     * so the websocket origin of the host the page was asked from is added when it is well formed.
     */
    static String contentSecurityPolicy(String host) {
        String websocket = host != null && HOST.matcher(host).matches() ? " ws://" + host + " wss://" + host : "";
        return String.format(CONTENT_SECURITY_POLICY, websocket);
    }

    private static void revalidate(RoutingContext ctx) {
        // set before StaticHandler, which keeps a Cache-Control already present
        ctx.response().putHeader("Cache-Control", "no-cache").putHeader("X-Content-Type-Options", "nosniff");
        ctx.next();
    }
}
