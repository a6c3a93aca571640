package org.cancerstats.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class DriverCallsTest {

    @Test
    void resultsComeInTheItemsOrderAndCallsOverlap() throws InterruptedException {
        // Every call waits until THREADS calls have started: this only ends if they run at once.
        CountDownLatch started = new CountDownLatch(DriverCalls.THREADS);
        List<Integer> items = IntStream.range(0, 10).boxed().toList();
        List<String> out = DriverCalls.map(items, i -> {
            started.countDown();
            try {
                assertThat(started.await(10, TimeUnit.SECONDS)).as("calls overlap").isTrue();
                Thread.sleep(10 - i); // later items finish first
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return "table" + i;
        });
        assertThat(out).containsExactly("table0", "table1", "table2", "table3", "table4", "table5", "table6", "table7",
                "table8", "table9");
    }

    @Test
    void theFirstFailureInItemOrderIsThrownAfterEveryCallHasEnded() {
        Set<Integer> ended = ConcurrentHashMap.newKeySet();
        assertThatThrownBy(() -> DriverCalls.map(List.of(0, 1, 2, 3, 4, 5), i -> {
            ended.add(i);
            if (i == 2 || i == 4) {
                throw new IllegalArgumentException("table " + i + " cannot be created");
            }
            return i;
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("table 2 cannot be created");
        assertThat(ended).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    }

    @Test
    void oneItemRunsOnTheCallersThread() {
        Thread caller = Thread.currentThread();
        assertThat(DriverCalls.map(List.of("only"), s -> Thread.currentThread() == caller)).containsExactly(true);
        assertThat(DriverCalls.map(List.<String>of(), s -> s)).isEmpty();
    }

    @Test
    void anErrorIsThrownAsItWasAndAtMostTheGivenCallsRunAtOnce() {
        // an Error (a test's kill, an out-of-memory) must not turn into an exception that some catch carries on past
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Set<Integer> ended = ConcurrentHashMap.newKeySet();
        // the first two calls wait for each other, so that two run at once however loaded the machine is
        CountDownLatch two = new CountDownLatch(2);
        assertThatThrownBy(() -> DriverCalls.map(List.of(0, 1, 2, 3, 4), 2, i -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            two.countDown();
            try {
                two.await(10, TimeUnit.SECONDS);
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            running.decrementAndGet();
            ended.add(i);
            if (i == 1) {
                throw new AssertionError("killed before write table1");
            }
            return i;
        })).isExactlyInstanceOf(AssertionError.class).hasMessage("killed before write table1");
        assertThat(ended).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThat(most.get()).isEqualTo(2);
        assertThatThrownBy(() -> DriverCalls.map(List.of(1), 0, i -> i)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
    }
}
