package dev.omniarchitect.runtime;

import dev.omniarchitect.api.GenerationsApi;
import dev.omniarchitect.batch.BatchDocumentParser;
import dev.omniarchitect.job.ItemRunner;
import dev.omniarchitect.job.JobIds;
import dev.omniarchitect.job.JobLauncher;
import dev.omniarchitect.job.JobReader;
import dev.omniarchitect.job.JobSubmitter;
import dev.omniarchitect.job.SyncRun;
import dev.omniarchitect.job.dynamodb.DynamoDbClientTokens;
import dev.omniarchitect.schedule.DocumentSource;
import dev.omniarchitect.schedule.ScheduledRunner;

/**
 * What ApiFunction builds at initialisation on top of the shared services: the API's routes and the
 * scheduled-run entry, both starting jobs through the same launcher (one job per client token).
 */
public final class ApiServices {

    private final GenerationsApi api;
    private final ScheduledRunner scheduledRuns;

    /**
     * @param submitter  stores jobs and starts their executions (Step Functions, or the local executor)
     * @param documents  reads scheduled runs' stored documents
     * @param syncItems  runs a sync call's items (ProviderCallFunction deployed, this process locally)
     */
    public ApiServices(FunctionServices services, JobSubmitter submitter, DocumentSource documents,
                       ItemRunner syncItems) {
        JobLauncher launcher = new JobLauncher(services.jobs(),
                new DynamoDbClientTokens(services.aws().dynamoDb(), services.config().jobsTable(),
                        services.config().jobRetention()),
                new JobIds(services.clock()), services.clock());
        BatchDocumentParser parser = services.batchParser();
        JobReader reader = services.jobReader();
        SyncRun sync = new SyncRun(services.jobs(), syncItems, services.jobAggregator(), submitter,
                services.log(), services.clock());
        this.api = new GenerationsApi(parser, launcher, submitter, sync, reader, services.jobs(), services.jobFiles(),
                services.cache(),
                services.providers(), services.kinds(), services.mapper(), services.log(), services.clock());
        this.scheduledRuns = new ScheduledRunner(documents, parser, launcher, submitter, reader, services.mapper(),
                services.log());
    }

    public GenerationsApi api() {
        return api;
    }

    public ScheduledRunner scheduledRuns() {
        return scheduledRuns;
    }
}
