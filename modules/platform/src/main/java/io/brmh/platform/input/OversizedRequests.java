package io.brmh.platform.input;

import io.brmh.platform.problem.Problem;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Names what was too long when Netty could not read a request. Micronaut answers all of them 413;
 * but a request line over {@code micronaut.server.netty.max-initial-line-length} (4 KiB) is 414 URI
 * Too Long, and headers over {@code max-header-size} (8 KiB) are 431 Request Header Fields Too
 * Large (RFC 9110, RFC 6585), so that a client knows what to shorten. The answer is written on the
 * connection, which then closes: Netty reads nothing more from it after such a request.
 */
@Singleton
final class OversizedRequests implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
  private static final String HANDLER = "brmh-oversized-requests";
  private static final Duration LINGER = Duration.ofSeconds(5);

  @Override
  public NettyServerCustomizer.Registry onCreated(
      BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
    event.getBean().register(new PerChannel(null));
    return event.getBean();
  }

  /** Adds the answering handler behind each HTTP/1 connection's decoder. */
  private record PerChannel(Channel channel) implements NettyServerCustomizer {
    @Override
    public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
      return new PerChannel(channel);
    }

    @Override
    public void onStreamPipelineBuilt() {
      if (channel != null
          && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
          && channel.pipeline().get(HANDLER) == null) {
        channel
            .pipeline()
            .addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, HANDLER, new Answer());
      }
    }
  }

  @ChannelHandler.Sharable
  private static final class Answer extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
      HttpResponseStatus status = statusFor(message);
      if (status == null) {
        context.fireChannelRead(message);
        return;
      }
      ReferenceCountUtil.release(message);
      context.writeAndFlush(problem(status)).addListener(written -> finish(context));
    }

    /**
     * Closing at once, with the rest of the request unread, would make the kernel reset the
     * connection and could destroy the answer before the client reads it. So only our side is shut;
     * the decoder discards what still arrives until the client closes, or until a grace period
     * ends.
     */
    private static void finish(ChannelHandlerContext context) {
      if (context.channel() instanceof DuplexChannel duplex && duplex.isActive()) {
        duplex.shutdownOutput();
        context
            .executor()
            .schedule(() -> context.close(), LINGER.toMillis(), TimeUnit.MILLISECONDS);
      } else {
        context.close();
      }
    }

    private static HttpResponseStatus statusFor(Object message) {
      if (!(message instanceof HttpRequest request) || !request.decoderResult().isFailure()) {
        return null;
      }
      Throwable cause = request.decoderResult().cause();
      if (cause instanceof TooLongHttpLineException) {
        return HttpResponseStatus.REQUEST_URI_TOO_LONG;
      }
      return cause instanceof TooLongHttpHeaderException
          ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
          : null;
    }

    private static FullHttpResponse problem(HttpResponseStatus status) {
      String detail =
          status == HttpResponseStatus.REQUEST_URI_TOO_LONG
              ? "The request line (method, path and query) is too long."
              : "The request's headers are too large.";
      String json =
          "{\"type\":\""
              + Problem.BLANK_TYPE
              + "\",\"title\":\""
              + status.reasonPhrase()
              + "\",\"status\":"
              + status.code()
              + ",\"detail\":\""
              + detail
              + "\"}";
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      FullHttpResponse response =
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE);
      response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      return response;
    }
  }
}
