package dev.ephemery.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * fabric8's Kubernetes API server stand-in in CRUD mode (it stores, lists, patches and deletes
 * objects as the API does) on loopback, plus what it lacks: the controllers that report a Job
 * complete and a StatefulSet's pods ready. {@link #settle} plays them once.
 */
public final class MockCluster implements AutoCloseable {

  public final KubernetesMockServer server;
  public final KubernetesClient client;
  private final List<String> requests = new ArrayList<>();

  public MockCluster() {
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
  }

  /** Marks the Jobs complete and the StatefulSets' pods ready, as the controllers would. */
  void settle(String namespace) {
    for (Job job : client.batch().v1().jobs().inNamespace(namespace).list().getItems()) {
      if (job.getStatus() == null || job.getStatus().getSucceeded() == null) {
        job.setStatus(new JobStatusBuilder().withSucceeded(1).build());
        client.batch().v1().jobs().inNamespace(namespace).resource(job).updateStatus();
      }
    }
    for (StatefulSet set : client.apps().statefulSets().inNamespace(namespace).list().getItems()) {
      int replicas = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
      Integer ready = set.getStatus() == null ? null : set.getStatus().getReadyReplicas();
      if (ready == null || ready != replicas) {
        set.setStatus(
            new StatefulSetStatusBuilder()
                .withReplicas(replicas)
                .withReadyReplicas(replicas)
                .build());
        client.apps().statefulSets().inNamespace(namespace).resource(set).updateStatus();
      }
    }
  }

  /** Plays the controllers every 20 ms until closed. */
  public Thread controllers(String namespace) {
    Thread thread =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  settle(namespace);
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                } catch (RuntimeException e) {
                  // an object changed under us: look again
                }
              }
            },
            "mock-controllers");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /**
   * Every request the server took since the last call, as "METHOD path" (status writes left out).
   */
  List<String> takeRequests() throws InterruptedException {
    List<String> taken = new ArrayList<>();
    RecordedRequest request;
    while ((request = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      String path = request.getPath();
      if (!path.contains("/status")) {
        taken.add(request.getMethod() + " " + path);
      }
    }
    requests.addAll(taken);
    return taken;
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
