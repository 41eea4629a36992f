package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.ops.NodeRuntime;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyNodeRuntimeTest {

  @Test
  void passesEveryMethodOfThePortOnIncludingTheDefaultOnes() throws Exception {
    for (Method m : NodeRuntime.class.getMethods()) {
      if (!java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
        assertThat(
                RunCommand.LazyNodeRuntime.class
                    .getDeclaredMethod(m.getName(), m.getParameterTypes())
                    .getDeclaringClass())
            .as(m.getName())
            .isEqualTo(RunCommand.LazyNodeRuntime.class);
      }
    }
  }

  @Test
  void opensTheRuntimeOnItsFirstUseAndOnlyOnce() {
    AtomicInteger opened = new AtomicInteger();
    NodeRuntime real =
        new NodeRuntime() {
          @Override
          public void stop(dev.ephemery.ops.Component component) {}

          @Override
          public boolean exportSlashingProtection(
              dev.ephemery.ops.Component validator, java.nio.file.Path target) {
            return true;
          }

          @Override
          public void init(dev.ephemery.ops.Component component, java.nio.file.Path testnetDir) {}

          @Override
          public void registerSlashingKeys(
              dev.ephemery.ops.Component validator, java.nio.file.Path testnetDir) {}

          @Override
          public void start(dev.ephemery.ops.Component component) {}

          @Override
          public Verification verify(int iteration) {
            return new Verification(true, "up on " + iteration);
          }
        };
    RunCommand.LazyNodeRuntime lazy =
        new RunCommand.LazyNodeRuntime(
            () -> {
              opened.incrementAndGet();
              return real;
            });

    assertThat(opened).hasValue(0);
    assertThat(lazy.verify(153).detail()).isEqualTo("up on 153");
    lazy.prepare();
    assertThat(opened).hasValue(1);
  }
}
