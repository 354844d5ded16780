package io.brmh.platform.cache;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Records, in tests that set {@code brmh.test.count-config-scans}, every scan of the cache
 * configurations table and the thread that made it; every call still goes to DynamoDB Local.
 */
@Singleton
@Requires(property = "brmh.test.count-config-scans", value = "true")
final class ConfigScans implements BeanCreatedEventListener<DynamoDbClient> {
  private static final String CONFIGS_TABLE = "brmh-cache";

  private final List<String> threads = new CopyOnWriteArrayList<>();

  /** The names of the threads that scanned the configurations, in order. */
  List<String> threads() {
    return List.copyOf(threads);
  }

  @SuppressWarnings("unchecked")
  private static Consumer<ScanRequest.Builder> builderOf(Object argument) {
    return (Consumer<ScanRequest.Builder>) argument;
  }

  @Override
  public DynamoDbClient onCreated(BeanCreatedEvent<DynamoDbClient> event) {
    DynamoDbClient real = event.getBean();
    return (DynamoDbClient)
        Proxy.newProxyInstance(
            DynamoDbClient.class.getClassLoader(),
            new Class<?>[] {DynamoDbClient.class},
            (proxy, method, arguments) -> {
              Method called = method;
              Object[] passed = arguments;
              if (method.getName().startsWith("scan")
                  && arguments != null
                  && arguments.length == 1) {
                ScanRequest request =
                    arguments[0] instanceof ScanRequest given
                        ? given
                        : ScanRequest.builder().applyMutation(builderOf(arguments[0])).build();
                if (CONFIGS_TABLE.equals(request.tableName())) {
                  threads.add(Thread.currentThread().getName());
                }
                called = DynamoDbClient.class.getMethod(method.getName(), ScanRequest.class);
                passed = new Object[] {request};
              }
              try {
                return called.invoke(real, passed);
              } catch (InvocationTargetException failed) {
                throw failed.getCause();
              }
            });
  }
}
