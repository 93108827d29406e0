package org.wte.enrolment;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

/** The owners' page of who may register to a module: open, password, e-mail domains. */
@Path("/modules")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public final class ModuleAccessResource {
    private final ModuleAccessSettings settings;

    @Context
    private HttpServletRequest request;

    public ModuleAccessResource(ModuleAccessSettings settings) {
        this.settings = settings;
    }

    @GET
    @Path("{id}/access")
    public View form(@PathParam("id") String id) {
        CurrentUser user = Access.requireUser(request);
        ModuleAccessSettings.AccessForm form = settings.form(user, EnrolmentResource.parseId(id));
        return View.of("enrolment/access.ftlh").with("access", form).with("errors", Map.of())
                .with("open", form.open()).with("values", Map.of("domains", form.domains()));
    }

    @POST
    @Path("{id}/access")
    public Response save(@PathParam("id") String id, @FormParam("open") String open,
                         @FormParam("password") String password, @FormParam("remove_password") String removePassword,
                         @FormParam("domains") String domains) {
        CurrentUser user = Access.requireUser(request);
        long moduleId = EnrolmentResource.parseId(id);
        boolean isOpen = open != null;
        try {
            settings.save(user, moduleId, isOpen, password, removePassword != null, domains);
        } catch (FormErrors.Invalid e) {
            ModuleAccessSettings.AccessForm form = settings.form(user, moduleId);
            return Response.status(400).entity(View.of("enrolment/access.ftlh").with("access", form)
                    .with("errors", e.errors().asMap()).with("open", isOpen)
                    .with("values", Map.of("domains", domains == null ? "" : domains))).build();
        }
        Flash.success(request, "The access settings are saved.");
        return Redirects.to(request, "/modules/" + moduleId + "/access");
    }
}
