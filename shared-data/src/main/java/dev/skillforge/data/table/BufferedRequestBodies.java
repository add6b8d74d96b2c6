package dev.skillforge.data.table;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Lets the JDK's HttpURLConnection buffer each DynamoDB request body instead of streaming it. The URL connection
 * client streams every body whose Content-Length it knows, and for a streamed POST on a kept-alive connection the
 * JDK first probes the socket with a 1 ms blocking read (sun.net.www.http.HttpClient#available) to see whether the
 * server closed it: a millisecond of waiting on every call. Dropping the header here, before signing (so it is not
 * among the signed headers), makes the JDK buffer the small JSON body and add the length it counts itself; a stale
 * kept-alive connection is then retried by the JDK once, and by the SDK's retry policy after that, as before.
 * It is for the URL connection client only (quarkus.dynamodb.sync-client.type=url): another HTTP client could send a
 * body without a length differently. quarkus.dynamodb.interceptors lists it next to that setting.
 */
public class BufferedRequestBodies implements ExecutionInterceptor {

    static final String CONTENT_LENGTH = "Content-Length";

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        SdkHttpRequest request = context.httpRequest();
        return request.firstMatchingHeader(CONTENT_LENGTH).isPresent() ? request.toBuilder().removeHeader(CONTENT_LENGTH).build() : request;
    }
}
