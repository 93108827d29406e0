package org.wte.workspace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.wte.asset.FileTypes;
import org.wte.db.Database;
import org.wte.web.ByteRanges;
import org.wte.web.ErrorPages;

/**
 * Serves {@code /preview/<token>/<file>}: a student's workspace as the browser shows it, in the editor's
 * sandboxed frame or in a tab of its own. The frame has an opaque origin and sends no cookie, so the signed
 * token alone says whose files of which part are shown; this filter answers before the session, CSRF and
 * Jersey filters (and instead of the app's security headers), and never touches or creates a session.
 *
 * <p>Every answer, errors included, is sandboxed by its own Content-Security-Policy header: whoever opens
 * the address, the student's scripts and styles run in an opaque origin with no access to WTE's cookies,
 * storage or pages. Errors are short plain text, never the site's layout (that would start a session).
 */
public final class PreviewFilter extends HttpFilter {
    /** The sandbox only, so that students' own inline scripts and styles work; allow-same-origin never. */
    public static final String CSP = "sandbox allow-scripts allow-forms allow-modals";
    public static final String PATH = "/preview/";
    public static final String FRAME_SCRIPT = "/static/js/preview-frame.js";
    static final String EXPIRED = "This preview link has expired: save again or reload the page.";

    private final Database database;
    private final PreviewLinks links;
    private final PreviewFiles files;

    public PreviewFilter(Database database, PreviewLinks links, PreviewFiles files) {
        this.database = database;
        this.links = links;
        this.files = files;
    }

    /**
     * Maps the filter to /preview/* ahead of every filter web.xml declares, so that no session, CSRF or
     * login logic and none of the app's page headers apply to the preview.
     */
    public void register(ServletContext context) {
        FilterRegistration.Dynamic registration = context.addFilter("preview", this);
        registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, PATH + "*");
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        // The token in the address must not leak to sites the student's page links to or loads from.
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        // The sandboxed page's origin is opaque, so its own fetch('data.json'), ES modules and web fonts are
        // cross-origin requests: they need CORS. Anyone may read what the link shows (it is public to whoever
        // holds the link), never with credentials, and nothing else of WTE is opened.
        response.setHeader("Access-Control-Allow-Origin", "*");
        // No X-Frame-Options or frame-ancestors: both compare every ancestor's origin with the preview's, and a
        // sandboxed preview's origin is opaque, so either would stop a student's page from framing their own
        // page2.html. Framing a preview gains another site nothing: it holds no session, acts on nothing, and
        // its link expires. (The app's pages keep SAMEORIGIN, so a student's page cannot frame them.)
        try {
            answer(request, response);
        } catch (RuntimeException e) {
            String id = ErrorPages.logUnexpected(request, e);
            plain(request, response, 500, "The preview could not be shown because of an error on the server "
                    + "(reference " + id + "). Try again in a moment.");
        }
    }

    private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        if (method.equals("OPTIONS")) {
            // A CORS preflight, e.g. for a fetch() with a header of the student's own: reading is allowed.
            response.setHeader("Allow", "GET, HEAD, OPTIONS");
            response.setHeader("Access-Control-Allow-Methods", "GET, HEAD");
            response.setHeader("Access-Control-Allow-Headers", "*");
            response.setStatus(204);
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD, OPTIONS");
            plain(request, response, 405, "The preview only shows files: there is no server program behind it to "
                    + "receive a " + request.getMethod() + " request. Use a form with method=\"get\".");
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith(PATH)) {   // "/preview" alone
            plain(request, response, 404, "Not found: a preview address names a file after its link.");
            return;
        }
        String rest = path.substring(PATH.length());
        int slash = rest.indexOf('/');
        String token = slash < 0 ? rest : rest.substring(0, slash);
        Optional<PreviewLinks.Target> target = links.verify(token);
        if (target.isEmpty()) {
            plain(request, response, 403, EXPIRED);
            return;
        }
        if (slash < 0) {
            // The folder's address without its slash: relative links would resolve one level too high.
            response.setStatus(303);
            response.setHeader("Location", token + "/");
            send(request, response, new byte[0]);
            return;
        }
        Optional<String> filename = decode(rest.substring(slash + 1));
        if (filename.isEmpty()) {
            plain(request, response, 400, "This preview address is not valid: its file name is badly encoded.");
            return;
        }
        String name = filename.get().isEmpty() ? "index.html" : filename.get();
        PreviewFiles.Answer answer = database.inTransaction(s -> files.find(s, target.get(), name));
        if (answer instanceof PreviewFiles.Refused refused) {
            plain(request, response, refused.status(), refused.message());
            return;
        }
        PreviewFiles.Found found = (PreviewFiles.Found) answer;
        byte[] body = found.content();
        if (found.isHtml()) {
            // A template uploaded in another encoding keeps its bytes: ISO-8859-1 maps each byte to one char and
            // back, and the tags the script goes after are ASCII either way.
            Charset charset = FileTypes.utf8(body).isPresent() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
            body = PreviewHtml.withScript(new String(body, charset), request.getContextPath() + FRAME_SCRIPT)
                    .getBytes(charset);
        }
        // Audio and video seek by ranges (and Safari plays no video without them).
        response.setHeader("Accept-Ranges", "bytes");
        response.setHeader("Access-Control-Expose-Headers", "Accept-Ranges, Content-Range");
        ByteRanges.Outcome range = ByteRanges.of(request.getHeader("Range"), request.getHeader("If-Range"), null,
                body.length);
        if (range instanceof ByteRanges.Unsatisfiable none) {
            response.setHeader("Content-Range", none.contentRange());
            plain(request, response, 416, none.message(name));
            return;
        }
        response.setContentType(found.contentType());
        if (range instanceof ByteRanges.Part part) {
            response.setStatus(206);
            response.setHeader("Content-Range", part.contentRange());
            send(request, response, part.of(body));
            return;
        }
        response.setStatus(200);
        send(request, response, body);
    }

    /**
     * The path segment after the token, %-decoded as UTF-8 ("+" stays a plus, as in any path). Empty when
     * the escapes are malformed or the bytes are not UTF-8.
     */
    static Optional<String> decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i += Character.charCount(raw.codePointAt(i))) {
            int c = raw.codePointAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] plain = Character.toString(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(plain, 0, plain.length);
            }
        }
        return FileTypes.utf8(bytes.toByteArray());
    }

    private static void plain(HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        send(request, response, (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpServletRequest request, HttpServletResponse response, byte[] body) throws IOException {
        response.setContentLength(body.length);
        if (!request.getMethod().equals("HEAD")) {
            response.getOutputStream().write(body);
        }
    }
}
