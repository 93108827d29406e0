package org.wte.progress;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.wte.db.Database;
import org.wte.web.Access;
import org.wte.web.CurrentUser;

/**
 * POST /parts/{id}/time: a beacon of time-on-page.js, form data {@code seconds} and {@code _csrf} (sendBeacon
 * cannot set headers, so the token travels in the body like a form's). 204 when added; 400, 403 or 404 with
 * a message otherwise (see {@link TimeBeacons}).
 */
@Path("/parts/{id}/time")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public final class TimeOnPageResource {
    private final Database db;
    private final TimeBeacons beacons;

    @Context
    private HttpServletRequest request;

    public TimeOnPageResource(Database db, TimeBeacons beacons) {
        this.db = db;
        this.beacons = beacons;
    }

    @POST
    public Response add(@PathParam("id") String id, @FormParam("seconds") String seconds) {
        CurrentUser user = Access.requireUser(request);
        long pageId = org.wte.web.PathIds.of(id);
        int n = TimeBeacons.seconds(seconds);
        db.run(s -> beacons.record(s, user, pageId, n));
        return Response.noContent().build();
    }
}
