package org.wte.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.NotFoundException;
import org.hibernate.StaleObjectStateException;
import org.junit.jupiter.api.Test;

/** Which status an exception leaving a resource becomes. */
class ExceptionPagesTest {
    private final ExceptionPages pages = new ExceptionPages();

    @Test
    void aConcurrentChangeOfTheSameRowIsA409NotA500() {
        assertEquals(409, pages.toResponse(new OptimisticLockException("row changed")).getStatus());
        assertEquals(409, pages.toResponse(new IllegalStateException("wrapped",
                new StaleObjectStateException("org.wte.content.Part", 4L))).getStatus());
    }

    @Test
    void webExceptionsKeepTheirStatusAndInvalidInputIsA400() {
        assertEquals(404, pages.toResponse(new NotFoundException("no such page")).getStatus());
        assertEquals(400, pages.toResponse(new FormErrors.Invalid("title", "Enter a title.")).getStatus());
    }
}
