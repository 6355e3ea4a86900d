package io.camellanggraph.callback;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When a second counts as a flood of forged claims, how many claims are checked in it, and when it ends. */
@Tag("fast")
class FloodGuardTest {

    private final AtomicLong clock = new AtomicLong(10_000);
    private final FloodGuard guard = new FloodGuard(clock::get, 10, 2);

    private void second(int claims, int checked, int refused) {
        for (int i = 0; i < claims; i++) {
            guard.received();
        }
        for (int i = 0; i < checked; i++) {
            guard.checked(i < refused);
        }
    }

    @Test
    void aSecondOfManyClaimsTheServerMostlyRefusedMakesTheNextOneAFloodWithFewChecks() {
        second(10, 6, 3);
        clock.addAndGet(1000);

        assertThat(guard.isFlood()).isTrue();
        assertThat(guard.room()).isEqualTo(2);
        assertThat(guard.admit()).isEqualTo(FloodGuard.Admission.CHECK);
        assertThat(guard.admit()).isEqualTo(FloodGuard.Admission.CHECK);
        assertThat(guard.admit()).as("the second's checks are used up").isEqualTo(FloodGuard.Admission.WAIT);
        assertThat(guard.room()).isZero();

        second(10, 0, 0);
        clock.addAndGet(1000);
        assertThat(guard.admit()).as("a new second, new checks; still a flood (claims came, none was checked)")
                .isEqualTo(FloodGuard.Admission.CHECK);
        assertThat(guard.isFlood()).isTrue();
    }

    @Test
    void manyClaimsTheServerConfirmsAreNoFlood() {
        second(500, 500, 0);
        clock.addAndGet(1000);

        assertThat(guard.isFlood()).isFalse();
        assertThat(guard.room()).isEqualTo(Integer.MAX_VALUE);
        assertThat(guard.admit()).isEqualTo(FloodGuard.Admission.FREE);
    }

    @Test
    void fewClaimsAreNoFloodEvenWhenAllAreRefused() {
        second(9, 9, 9);
        clock.addAndGet(1000);

        assertThat(guard.isFlood()).isFalse();
    }

    @Test
    void theFloodLastsWhileClaimsArriveFastAndEndsTheSecondAfterTheyArriveSlower() {
        second(50, 40, 40);
        clock.addAndGet(1000);
        assertThat(guard.isFlood()).isTrue();

        // during the flood only the few checked claims are refused: still a flood
        second(50, 2, 2);
        clock.addAndGet(1000);
        assertThat(guard.isFlood()).isTrue();

        second(3, 2, 2);
        clock.addAndGet(1000);
        assertThat(guard.isFlood()).as("claims arrive slower: the backlog is checked at full speed").isFalse();
        assertThat(guard.room()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aQuietSecondInBetweenEndsTheFlood() {
        second(50, 40, 40);
        clock.addAndGet(1000);
        assertThat(guard.isFlood()).isTrue();
        second(50, 2, 2);

        clock.addAndGet(2000);
        assertThat(guard.isFlood()).as("nothing arrived in the last whole second").isFalse();
    }

    @Test
    void aFloodIsToldOnceWhenItBegins() {
        assertThat(guard.takeBegan()).isFalse();
        second(50, 40, 40);
        clock.addAndGet(1000);

        assertThat(guard.takeBegan()).isTrue();
        assertThat(guard.takeBegan()).isFalse();
        second(50, 2, 2);
        clock.addAndGet(1000);
        assertThat(guard.takeBegan()).as("the same flood goes on").isFalse();
    }
}
