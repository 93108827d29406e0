package org.wte.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Quartiles by linear interpolation (R type 7, QUARTILE.INC), checked against hand-worked values. */
class QuartilesTest {

    @Test
    void noValuesGiveNoQuartiles() {
        assertNull(Quartiles.of(List.of()));
    }

    @Test
    void oneValueIsEveryQuartile() {
        assertEquals(new Quartiles(1, 42, 42, 42, 42, 42), Quartiles.of(List.of(42L)));
    }

    @Test
    void anOddCountHasItsMiddleValueAsMedian() {
        // 1 2 3 4 5: h = 4p → Q1 at index 1, median at 2, Q3 at 3.
        assertEquals(new Quartiles(5, 1, 2, 3, 4, 5), Quartiles.of(List.of(5L, 3L, 1L, 4L, 2L)));
    }

    @Test
    void anEvenCountInterpolates() {
        // 10 20 30 40: h = 3p → Q1 at 0.75 → 17.5 → 18; median at 1.5 → 25; Q3 at 2.25 → 32.5 → 33.
        assertEquals(new Quartiles(4, 10, 18, 25, 33, 40), Quartiles.of(List.of(40L, 10L, 30L, 20L)));
        // The spreadsheet check: QUARTILE.INC({0,60,600,3600},1..3) = 45, 330, 1350.
        assertEquals(new Quartiles(4, 0, 45, 330, 1350, 3600), Quartiles.of(List.of(0L, 60L, 600L, 3600L)));
    }

    @Test
    void repeatedValuesStayPut() {
        assertEquals(new Quartiles(6, 7, 7, 7, 7, 9), Quartiles.of(List.of(7L, 7L, 7L, 7L, 7L, 9L)));
    }
}
