package org.wte.account;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.wte.web.Access;
import org.wte.web.CurrentUser;
import org.wte.web.Flash;
import org.wte.web.FormErrors;
import org.wte.web.Redirects;
import org.wte.web.View;

/** The logged-in user's own account: name, display options, e-mail, password, deletion. */
@Path("/profile")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public final class ProfileResource {
    private final AccountService accounts;

    @Context
    private HttpServletRequest request;

    public ProfileResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @GET
    public View profile() {
        CurrentUser user = Access.requireUser(request);
        return AccountResource.form("account/profile.ftlh", Map.of(), Map.of("display_name", user.displayName()));
    }

    @POST
    public Response update(@FormParam("display_name") String displayName,
                           @FormParam("high_contrast") String highContrast,
                           @FormParam("high_contrast_shown") String highContrastShown) {
        CurrentUser user = Access.requireUser(request);
        // A checkbox sends nothing when unticked: only a form that showed it may change it.
        Boolean contrast = highContrastShown == null ? null : highContrast != null;
        try {
            accounts.updateProfile(user.id(), displayName, contrast);
        } catch (FormErrors.Invalid e) {
            return Response.status(400).entity(AccountResource.form("account/profile.ftlh", e.errors().asMap(),
                    Map.of("display_name", AccountResource.nz(displayName)))).build();
        }
        Flash.success(request, "Your profile is saved.");
        return Redirects.to(request, "/profile");
    }

    @GET
    @Path("password")
    public View passwordForm() {
        Access.requireUser(request);
        return AccountResource.form("account/password.ftlh", Map.of(), Map.of());
    }

    @POST
    @Path("password")
    public Response changePassword(@FormParam("current") String current, @FormParam("password") String password,
                                   @FormParam("repeat") String repeat) {
        CurrentUser user = Access.requireUser(request);
        try {
            accounts.changePassword(user.id(), current, password, repeat);
        } catch (FormErrors.Invalid e) {
            return Response.status(400).entity(AccountResource.form("account/password.ftlh", e.errors().asMap(),
                    Map.of())).build();
        }
        Flash.success(request, "Your password is changed.");
        return Redirects.to(request, "/profile");
    }

    @POST
    @Path("email")
    public Response changeEmail(@FormParam("new_email") String newEmail, @FormParam("email_current") String current) {
        CurrentUser user = Access.requireUser(request);
        try {
            accounts.requestEmailChange(user.id(), newEmail, current);
        } catch (FormErrors.Invalid e) {
            return Response.status(400).entity(AccountResource.form("account/profile.ftlh", e.errors().asMap(),
                    Map.of("display_name", user.displayName(), "new_email", AccountResource.nz(newEmail)))).build();
        }
        Flash.info(request, "We sent a link to " + Emails.normalise(newEmail)
                + ". Your address changes when you open it.");
        return Redirects.to(request, "/profile");
    }

    @GET
    @Path("delete")
    public View deleteForm() {
        Access.requireUser(request);
        return AccountResource.form("account/delete.ftlh", Map.of(), Map.of());
    }

    @POST
    @Path("delete")
    public Response delete(@FormParam("current") String current) {
        CurrentUser user = Access.requireUser(request);
        try {
            accounts.deleteOwnAccount(user.id(), current);
        } catch (FormErrors.Invalid e) {
            return Response.status(400).entity(AccountResource.form("account/delete.ftlh", e.errors().asMap(),
                    Map.of())).build();
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        Flash.info(request, "Your account and its data are deleted.");
        return Redirects.to(request, "/");
    }
}
