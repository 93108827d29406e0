package org.wte.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.wte.account.Permission;
import org.wte.account.UserStatus;
import org.wte.web.Access;
import org.wte.web.CurrentUser;
import org.wte.web.Flash;
import org.wte.web.FormErrors;
import org.wte.web.Redirects;
import org.wte.web.QueryParams;
import org.wte.web.View;

/** The administrators' user list and user page. */
@Path("/admin/users")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public final class AdminUsersResource {
    private final UserAdministration administration;

    @Context
    private HttpServletRequest request;

    public AdminUsersResource(UserAdministration administration) {
        this.administration = administration;
    }

    @GET
    public View list(@QueryParam("q") String query, @QueryParam("status") String status,
                     @QueryParam("page") String page) {
        Access.requirePermission(request, Permission.ADMIN_USERS);
        UserStatus filter = QueryParams.optionalEnum(UserStatus.class, status, "status");
        UserAdministration.UserPage result = administration.list(query, filter, QueryParams.page(page));
        return View.of("admin/users.ftlh").with("result", result).with("q", query == null ? "" : query)
                .with("status", filter == null ? "" : filter.label());
    }

    @POST
    @Path("bulk")
    public Response bulk(@FormParam("action") String action, @FormParam("id") List<String> ids,
                         @FormParam("return_to") String returnTo) {
        CurrentUser actor = Access.requirePermission(request, Permission.ADMIN_USERS);
        UserAdministration.Action parsed = parseAction(action);
        String back = Redirects.safeReturnTo(returnTo);
        try {
            int n = administration.apply(actor.id(), parsed, parseIds(ids));
            Flash.success(request, done(parsed, n));
        } catch (FormErrors.Invalid e) {
            Flash.error(request, String.join(" ", e.errors().asMap().values()));
        }
        return Redirects.to(request, back.equals("/") ? "/admin/users" : back);
    }

    @GET
    @Path("{id}")
    public View detail(@PathParam("id") String id) {
        Access.requirePermission(request, Permission.ADMIN_USERS);
        return View.of("admin/user.ftlh").with("detail", administration.detail(parseId(id)));
    }

    @POST
    @Path("{id}/groups")
    public Response groups(@PathParam("id") String id, @FormParam("group") List<String> groups) {
        CurrentUser actor = Access.requirePermission(request, Permission.ADMIN_USERS);
        long userId = parseId(id);
        try {
            administration.setGroups(actor.id(), userId, parseIds(groups));
            Flash.success(request, "Permission groups saved.");
        } catch (FormErrors.Invalid e) {
            Flash.error(request, String.join(" ", e.errors().asMap().values()));
        }
        return Redirects.to(request, "/admin/users/" + userId);
    }

    private static String done(UserAdministration.Action action, int n) {
        String users = n == 1 ? "1 user" : n + " users";
        return switch (action) {
            case CONFIRM -> "Confirmed " + users + ".";
            case RESET -> "Sent a password-reset link to " + users + ".";
            case BLOCK -> "Blocked " + users + ".";
            case UNBLOCK -> "Unblocked " + users + ".";
            case DELETE -> "Deleted " + users + " and their data.";
        };
    }

    private static UserAdministration.Action parseAction(String action) {
        try {
            return UserAdministration.Action.valueOf(action == null ? "" : action.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("Unknown action '" + action + "'.");
        }
    }

    static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new jakarta.ws.rs.NotFoundException("There is no such user.");
        }
    }

    private static List<Long> parseIds(List<String> ids) {
        List<Long> out = new ArrayList<>();
        for (String id : ids == null ? List.<String>of() : ids) {
            try {
                out.add(Long.parseLong(id.trim()));
            } catch (NumberFormatException e) {
                throw new BadRequestException("'" + id + "' is not an id.");
            }
        }
        return out;
    }
}
