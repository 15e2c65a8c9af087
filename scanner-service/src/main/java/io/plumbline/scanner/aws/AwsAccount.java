package io.plumbline.scanner.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * An account being scanned and the credentials that reach it.
 *
 * @param regions the account's own regions ({@code all} = every enabled one), or null for the configured default
 */
public record AwsAccount(String accountId, AwsCredentialsProvider credentials, java.util.List<String> regions) {

    @Override
    public String toString() {
        return accountId;
    }
}
