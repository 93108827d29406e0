package org.wte.enrolment;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.wte.web.Access;
import org.wte.web.CurrentUser;
import org.wte.web.Flash;
import org.wte.web.FormErrors;
import org.wte.web.Redirects;
import org.wte.web.QueryParams;
import org.wte.web.View;

/** A module's users, for its owners: list, search, add, change role, block, remove. */
@Path("/modules")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public final class ModuleUsersResource {
    private final ModuleMembers members;

    @Context
    private HttpServletRequest request;

    public ModuleUsersResource(ModuleMembers members) {
        this.members = members;
    }

    @GET
    @Path("{id}/users")
    public View list(@PathParam("id") String id, @QueryParam("q") String q, @QueryParam("role") String role,
                     @QueryParam("page") String page) {
        CurrentUser actor = Access.requireUser(request);
        return listView(actor, EnrolmentResource.parseId(id), q, parseFilter(role), QueryParams.page(page));
    }

    @GET
    @Path("{id}/users/candidates")
    public View candidates(@PathParam("id") String id, @QueryParam("q") String q) {
        CurrentUser actor = Access.requireUser(request);
        return View.of("enrolment/candidates.ftlh")
                .with("candidates", members.candidates(actor, EnrolmentResource.parseId(id), q));
    }

    @POST
    @Path("{id}/users/add")
    public Response add(@PathParam("id") String id, @FormParam("email") String email,
                        @FormParam("user_id") String userId, @FormParam("role") String role) {
        CurrentUser actor = Access.requireUser(request);
        long moduleId = EnrolmentResource.parseId(id);
        Role chosen = role == null || role.isBlank() ? Role.STUDENT : parseRole(role);
        Long user = null;
        if (userId != null && !userId.isBlank()) {
            try {
                user = Long.parseLong(userId.trim());
            } catch (NumberFormatException e) {
                throw new BadRequestException("'" + userId + "' is not an account id.");
            }
        }
        try {
            Flash.success(request, members.add(actor, moduleId, email, user, chosen));
        } catch (FormErrors.Invalid e) {
            return Response.status(400).entity(listView(actor, moduleId, "", ModuleRoles.Filter.ALL, 1)
                    .with("errors", e.errors().asMap())
                    .with("values", Map.of("email", email == null ? "" : email, "role", chosen.label()))).build();
        }
        return Redirects.to(request, "/modules/" + moduleId + "/users");
    }

    @POST
    @Path("{id}/users/{roleId}/role")
    public Response changeRole(@PathParam("id") String id, @PathParam("roleId") String roleId,
                               @FormParam("role") String role, @FormParam("return_to") String returnTo) {
        CurrentUser actor = Access.requireUser(request);
        long moduleId = EnrolmentResource.parseId(id);
        Role newRole = parseRole(role);
        return apply(actor, moduleId, returnTo, () -> members.changeRole(actor, moduleId, parseRoleId(roleId), newRole));
    }

    @POST
    @Path("{id}/users/{roleId}/block")
    public Response block(@PathParam("id") String id, @PathParam("roleId") String roleId,
                          @FormParam("return_to") String returnTo) {
        CurrentUser actor = Access.requireUser(request);
        long moduleId = EnrolmentResource.parseId(id);
        return apply(actor, moduleId, returnTo, () -> members.block(actor, moduleId, parseRoleId(roleId)));
    }

    @POST
    @Path("{id}/users/{roleId}/unblock")
    public Response unblock(@PathParam("id") String id, @PathParam("roleId") String roleId,
                            @FormParam("return_to") String returnTo) {
        CurrentUser actor = Access.requireUser(request);
        long moduleId = EnrolmentResource.parseId(id);
        return apply(actor, moduleId, returnTo, () -> members.unblock(actor, moduleId, parseRoleId(roleId)));
    }

    @GET
    @Path("{id}/users/{roleId}/remove")
    public View removePage(@PathParam("id") String id, @PathParam("roleId") String roleId) {
        CurrentUser actor = Access.requireUser(request);
        return View.of("enrolment/remove.ftlh")
                .with("removal", members.removePage(actor, EnrolmentResource.parseId(id), parseRoleId(roleId)));
    }

    @POST
    @Path("{id}/users/{roleId}/remove")
    public Response remove(@PathParam("id") String id, @PathParam("roleId") String roleId,
                           @FormParam("return_to") String returnTo) {
        CurrentUser actor = Access.requireUser(request);
        long moduleId = EnrolmentResource.parseId(id);
        return apply(actor, moduleId, returnTo, () -> members.remove(actor, moduleId, parseRoleId(roleId)));
    }

    private Response apply(CurrentUser actor, long moduleId, String returnTo,
                           java.util.function.Supplier<ModuleMembers.Change> action) {
        ModuleMembers.Change change;
        try {
            change = action.get();
        } catch (ModuleMembers.Refused e) {
            return Response.status(409).entity(listView(actor, moduleId, "", ModuleRoles.Filter.ALL, 1)
                    .with("problem", e.getMessage())).build();
        }
        Flash.success(request, change.message());
        if (!change.actorStillManages()) {
            return Redirects.to(request, "/parts/" + moduleId);
        }
        String list = "/modules/" + moduleId + "/users";
        String back = Redirects.safeReturnTo(returnTo);
        return Redirects.to(request, back.equals(list) || back.startsWith(list + "?") ? back : list);
    }

    private View listView(CurrentUser actor, long moduleId, String q, ModuleRoles.Filter filter, int page) {
        ModuleMembers.MemberPage result = members.list(actor, moduleId, q, filter, page);
        String query = "?q=" + java.net.URLEncoder.encode(q == null ? "" : q, java.nio.charset.StandardCharsets.UTF_8)
                + "&role=" + filter.label() + "&page=" + result.page();
        return View.of("enrolment/users.ftlh").with("members", result).with("q", q == null ? "" : q)
                .with("roleFilter", filter.label()).with("back", "/modules/" + moduleId + "/users" + query)
                .with("errors", Map.of()).with("values", Map.of("email", "", "role", "student"));
    }

    private static ModuleRoles.Filter parseFilter(String role) {
        return ModuleRoles.Filter.parse(role).orElseThrow(() -> new BadRequestException(
                "Unknown role '" + role + "': use owner, tutor, student or blocked."));
    }

    private static Role parseRole(String role) {
        return ModuleMembers.parseRole(role).orElseThrow(() -> new BadRequestException(
                "Unknown role '" + role + "': use owner, tutor or student."));
    }

    private static long parseRoleId(String roleId) {
        try {
            return Long.parseLong(roleId);
        } catch (NumberFormatException e) {
            throw new NotFoundException("This module has no such member.");
        }
    }
}
