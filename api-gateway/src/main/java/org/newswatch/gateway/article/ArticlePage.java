package org.newswatch.gateway.article;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One page of articles, newest first. */
@Schema(description = "A page of articles, newest first")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArticlePage(
        List<ArticleItem> items,
        @Schema(description = "Pass as cursor for the next page, with the same filters; absent on the last page") String nextCursor) {
}
