package org.wte.enrolment;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
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
import org.wte.web.Redirects;
import org.wte.web.View;

/** "Take this module" and "leave this module": a student's registration. */
@Path("/modules")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public final class EnrolmentResource {
    private final EnrolmentService enrolment;

    @Context
    private HttpServletRequest request;

    public EnrolmentResource(EnrolmentService enrolment) {
        this.enrolment = enrolment;
    }

    @GET
    @Path("{id}/enrol")
    public View enrolPage(@PathParam("id") String id) {
        return enrolView(enrolment.page(CurrentUser.of(request), parseId(id)));
    }

    @POST
    @Path("{id}/enrol")
    public Response enrol(@PathParam("id") String id, @FormParam("password") String password) {
        CurrentUser user = Access.requireUser(request);
        EnrolmentService.Outcome outcome = enrolment.enrol(user, parseId(id), password);
        if (outcome instanceof EnrolmentService.Outcome.Enrolled enrolled) {
            Flash.success(request, "You are registered to " + enrolled.module().title() + ".");
            return Redirects.to(request, "/parts/" + enrolled.module().id());
        }
        if (outcome instanceof EnrolmentService.Outcome.Refused refused) {
            EnrolmentService.EnrolPage page = refused.page();
            if (page.eligibility().reason() == EnrolmentService.Reason.MEMBER) {
                Flash.info(request, page.eligibility().message());
                return Redirects.to(request, "/parts/" + page.module().id());
            }
            return Response.status(403).entity(enrolView(page)).build();
        }
        if (outcome instanceof EnrolmentService.Outcome.WrongPassword wrong) {
            return Response.status(400).entity(enrolView(wrong.page())
                    .with("errors", java.util.Map.of("password", wrong.message()))).build();
        }
        EnrolmentService.Outcome.Throttled throttled = (EnrolmentService.Outcome.Throttled) outcome;
        return Response.status(429).entity(enrolView(throttled.page())
                .with("errors", java.util.Map.of("password", throttled.message()))).build();
    }

    @GET
    @Path("{id}/leave")
    public View leavePage(@PathParam("id") String id) {
        CurrentUser user = Access.requireUser(request);
        return View.of("enrolment/leave.ftlh").with("leave", enrolment.leavePage(user, parseId(id)));
    }

    @POST
    @Path("{id}/leave")
    public Response leave(@PathParam("id") String id) {
        CurrentUser user = Access.requireUser(request);
        EnrolmentService.LeaveOutcome outcome = enrolment.leave(user, parseId(id));
        if (outcome instanceof EnrolmentService.LeaveOutcome.Left left) {
            Flash.success(request, "You have left " + left.module().title()
                    + ". Your progress and files in it are deleted.");
            return Redirects.to(request, "/");
        }
        if (outcome instanceof EnrolmentService.LeaveOutcome.NotMember notMember) {
            Flash.info(request, "You are not registered to " + notMember.module().title() + ".");
            return Redirects.to(request, "/parts/" + notMember.module().id());
        }
        EnrolmentService.LeaveOutcome.LastOwner last = (EnrolmentService.LeaveOutcome.LastOwner) outcome;
        return Response.status(409).entity(View.of("enrolment/leave.ftlh").with("leave", last.page())
                .with("problem", last.message())).build();
    }

    private static View enrolView(EnrolmentService.EnrolPage page) {
        return View.of("enrolment/enrol.ftlh").with("enrol", page).with("errors", java.util.Map.of());
    }

    /** A module id from the path; anything that is not one is a page that does not exist. */
    static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException(Modules.NO_SUCH_MODULE);
        }
    }
}
