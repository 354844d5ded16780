package io.brmh.gateway.streams;

import io.brmh.platform.security.Roles;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** What the stream bridge follows, for operators. */
@Controller("/streams")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "streams")
@Secured(Roles.ADMIN)
class StreamsController {
  private final StreamStatus status;

  StreamsController(StreamStatus status) {
    this.status = status;
  }

  @Get
  @Operation(
      summary =
          "Every stream the bridge has read: its shards, checkpoints, lease holders and lag (admin)")
  List<StreamStatus.StreamView> streams() {
    return status.all();
  }
}
