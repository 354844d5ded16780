package io.brmh.gateway.messages;

import io.brmh.platform.security.Roles;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/**
 * The local outbox, for the administrator of a local run who signs people up without a mail server.
 */
@Controller("/local/outbox")
@Requires(beans = LocalOutbox.class)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "local")
@Secured(Roles.ADMIN)
class OutboxController {
  private final LocalOutbox outbox;

  OutboxController(LocalOutbox outbox) {
    this.outbox = outbox;
  }

  @Get
  @Operation(
      summary =
          "Messages sent to an e-mail address or phone number in the last day, oldest first (admin; outbox sender only)")
  List<LocalOutbox.Delivered> messages(@QueryValue String to) {
    return outbox.messagesTo(to);
  }
}
