package io.brmh.gateway.messages;

import io.brmh.platform.aws.AwsClients;
import io.brmh.platform.aws.AwsConfiguration;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Sends through AWS ({@code brmh.messages.sender: aws}): text messages with SNS (as transactional
 * SMS, which carriers deliver first), e-mail with SES v2 from {@code brmh.messages.email-from}, a
 * sender address SES has verified.
 */
@Singleton
@Requires(property = "brmh.messages.sender", value = "aws")
class AwsMessageSender implements MessageSender {
  private final SnsClient sns;
  private final SesV2Client ses;
  private final String from;

  AwsMessageSender(AwsConfiguration aws, MessagesConfiguration messages) {
    if (messages.emailFrom() == null || messages.emailFrom().isBlank()) {
      throw new IllegalStateException(
          "brmh.messages.email-from (BRMH_MESSAGES_EMAIL_FROM) must name a sender address SES has"
              + " verified when brmh.messages.sender is aws");
    }
    this.sns = AwsClients.configured(SnsClient.builder(), aws, aws.snsEndpoint()).build();
    this.ses = AwsClients.configured(SesV2Client.builder(), aws, aws.sesEndpoint()).build();
    this.from = messages.emailFrom();
  }

  @Override
  public void send(OutboundMessage message) {
    if (message.channel() == OutboundMessage.Channel.SMS) {
      sns.publish(
          b ->
              b.phoneNumber(message.to())
                  .message(message.body())
                  .messageAttributes(
                      Map.of(
                          "AWS.SNS.SMS.SMSType",
                          MessageAttributeValue.builder()
                              .dataType("String")
                              .stringValue("Transactional")
                              .build())));
    } else {
      ses.sendEmail(
          b ->
              b.fromEmailAddress(from)
                  .destination(to -> to.toAddresses(message.to()))
                  .content(
                      content ->
                          content.simple(
                              simple ->
                                  simple
                                      .subject(
                                          subject ->
                                              subject.data(message.subject()).charset("UTF-8"))
                                      .body(
                                          body ->
                                              body.text(
                                                  text ->
                                                      text.data(message.body())
                                                          .charset("UTF-8"))))));
    }
  }

  @PreDestroy
  void close() {
    sns.close();
    ses.close();
  }
}
