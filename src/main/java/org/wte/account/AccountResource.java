package org.wte.account;

import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
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
import org.wte.config.Settings;
import org.wte.web.CurrentUser;
import org.wte.web.CurrentUserFilter;
import org.wte.web.Flash;
import org.wte.web.FormErrors;
import org.wte.web.Redirects;
import org.wte.web.View;

/** Register, confirm, log in and out, forgotten password: the pages of people who are not logged in yet. */
@Path("/account")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public final class AccountResource {
    private final AccountService accounts;
    private final Settings settings;

    @Context
    private HttpServletRequest request;

    public AccountResource(AccountService accounts, Settings settings) {
        this.accounts = accounts;
        this.settings = settings;
    }

    @GET
    @Path("register")
    public View registerForm() {
        return form("account/register.ftlh", Map.of(), Map.of());
    }

    @POST
    @Path("register")
    public Response register(@FormParam("email") String email, @FormParam("display_name") String displayName) {
        try {
            accounts.register(email, displayName);
        } catch (FormErrors.Invalid e) {
            return invalid("account/register.ftlh", e, Map.of("email", nz(email), "display_name", nz(displayName)));
        }
        return checkMail(email, "confirm");
    }

    @POST
    @Path("resend")
    public Response resend(@FormParam("email") String email) {
        accounts.resendConfirmation(email);
        return checkMail(email, "confirm");
    }

    @GET
    @Path("confirm/{token}")
    public Response confirmForm(@PathParam("token") String token) {
        return tokenPage(token, TokenPurpose.CONFIRM, "account/confirm.ftlh", Map.of());
    }

    @POST
    @Path("confirm/{token}")
    public Response confirm(@PathParam("token") String token, @FormParam("password") String password,
                            @FormParam("repeat") String repeat) {
        return setPassword(token, TokenPurpose.CONFIRM, "account/confirm.ftlh", password, repeat,
                "Your address is confirmed and your password is set. Log in now.");
    }

    @GET
    @Path("reset/{token}")
    public Response resetForm(@PathParam("token") String token) {
        return tokenPage(token, TokenPurpose.RESET, "account/reset.ftlh", Map.of());
    }

    @POST
    @Path("reset/{token}")
    public Response reset(@PathParam("token") String token, @FormParam("password") String password,
                          @FormParam("repeat") String repeat) {
        return setPassword(token, TokenPurpose.RESET, "account/reset.ftlh", password, repeat,
                "Your new password is set. Log in with it now.");
    }

    @GET
    @Path("forgot")
    public View forgotForm() {
        return form("account/forgot.ftlh", Map.of(), Map.of());
    }

    @POST
    @Path("forgot")
    public Response forgot(@FormParam("email") String email) {
        if (!Emails.isValid(email)) {
            return invalid("account/forgot.ftlh", new FormErrors.Invalid("email",
                    "Enter an e-mail address such as name@example.org."), Map.of("email", nz(email)));
        }
        accounts.requestPasswordReset(email);
        return checkMail(email, "reset");
    }

    @GET
    @Path("login")
    public View loginForm(@QueryParam("return_to") String returnTo) {
        return form("account/login.ftlh", Map.of(), Map.of("return_to", Redirects.safeReturnTo(returnTo)));
    }

    @POST
    @Path("login")
    public Response login(@FormParam("email") String email, @FormParam("password") String password,
                          @FormParam("return_to") String returnTo) {
        AccountService.LoginResult result = accounts.login(email, password, request.getRemoteAddr());
        if (result instanceof AccountService.LoginResult.Failure failure) {
            View view = form("account/login.ftlh", Map.of("password", failure.message()),
                    Map.of("email", nz(email), "return_to", Redirects.safeReturnTo(returnTo)));
            view.with("unconfirmed", failure.message().contains("not confirmed"));
            return Response.status(400).entity(view).build();
        }
        AccountService.LoginResult.Success success = (AccountService.LoginResult.Success) result;
        HttpSession session = request.getSession(true);
        // A new session id at login, so that a planted session id is worth nothing; a new CSRF token too.
        request.changeSessionId();
        session.removeAttribute("wte.csrf");
        session.setAttribute(CurrentUser.SESSION_USER_ID, success.userId());
        if (success.mustChangePassword()) {
            Flash.info(request, CurrentUserFilter.ONE_TIME_PASSWORD_NOTICE);
            return Redirects.to(request, "/profile/password");
        }
        return Redirects.to(request, Redirects.safeReturnTo(returnTo));
    }

    @POST
    @Path("logout")
    public Response logout() {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        Flash.info(request, "You are logged out.");
        return Redirects.to(request, "/");
    }

    @GET
    @Path("email/{token}")
    public Response emailChangeForm(@PathParam("token") String token) {
        return tokenPage(token, TokenPurpose.CHANGE_EMAIL, "account/email-change.ftlh", Map.of());
    }

    @POST
    @Path("email/{token}")
    public Response emailChange(@PathParam("token") String token) {
        try {
            String email = accounts.confirmEmailChange(token);
            Flash.success(request, "Your e-mail address is now " + email + ".");
            return Redirects.to(request, CurrentUser.of(request) == null ? "/account/login" : "/profile");
        } catch (AccountService.TokenInvalid e) {
            return linkInvalid();
        } catch (FormErrors.Invalid e) {
            return Response.status(409).entity(View.of("account/link-invalid.ftlh")
                    .with("message", String.join(" ", e.errors().asMap().values()))).build();
        }
    }

    private Response tokenPage(String token, TokenPurpose purpose, String template, Map<String, String> errors) {
        Optional<AccountService.AccountView> account = accounts.peekToken(token, purpose);
        if (account.isEmpty()) {
            return linkInvalid();
        }
        return Response.ok(form(template, errors, Map.of()).with("account", account.get()).with("token", token)).build();
    }

    private Response setPassword(String token, TokenPurpose purpose, String template, String password, String repeat,
                                 String done) {
        try {
            accounts.setPasswordWithToken(token, purpose, password, repeat);
        } catch (AccountService.TokenInvalid e) {
            return linkInvalid();
        } catch (FormErrors.Invalid e) {
            Optional<AccountService.AccountView> account = accounts.peekToken(token, purpose);
            if (account.isEmpty()) {
                return linkInvalid();
            }
            return Response.status(400).entity(form(template, e.errors().asMap(), Map.of())
                    .with("account", account.get()).with("token", token)).build();
        }
        Flash.success(request, done);
        return Redirects.to(request, "/account/login");
    }

    /** The same answer whether or not the address has an account: "a mail is on its way". */
    private Response checkMail(String email, String purpose) {
        return Response.ok(View.of("account/check-mail.ftlh").with("email", Emails.normalise(email))
                .with("smtp", settings.email().configured()).with("purpose", purpose)).build();
    }

    private Response linkInvalid() {
        return Response.status(404).entity(View.of("account/link-invalid.ftlh")
                .with("message", new AccountService.TokenInvalid().getMessage())).build();
    }

    private Response invalid(String template, FormErrors.Invalid e, Map<String, String> values) {
        return Response.status(400).entity(form(template, e.errors().asMap(), values)).build();
    }

    static View form(String template, Map<String, String> errors, Map<String, String> values) {
        return View.of(template).with("errors", errors).with("values", values);
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
