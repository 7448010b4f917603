package dev.omniarchitect.job;

import java.util.List;

/**
 * One page of an owner's jobs, newest first.
 *
 * @param jobs  the jobs' headers
 * @param next  the job id to list after for the next page; null when this is the last page
 */
public record JobPage(List<Job> jobs, String next) {

    public JobPage {
        jobs = List.copyOf(jobs);
    }
}
