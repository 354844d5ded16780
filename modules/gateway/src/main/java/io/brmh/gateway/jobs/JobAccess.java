package io.brmh.gateway.jobs;

import io.brmh.platform.jobs.Job;
import io.brmh.platform.security.Roles;
import io.micronaut.security.authentication.Authentication;

/** Who may see a job: its owner and admins. To anyone else it does not exist (404, not 403). */
public final class JobAccess {
  private JobAccess() {}

  public static boolean canSee(Authentication caller, Job job) {
    return canSee(caller, job.owner());
  }

  public static boolean canSee(Authentication caller, String jobOwner) {
    return isAdmin(caller) || caller.getName().equals(jobOwner);
  }

  public static boolean isAdmin(Authentication caller) {
    return caller.getRoles().contains(Roles.ADMIN);
  }
}
