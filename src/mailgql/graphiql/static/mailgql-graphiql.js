// Starts GraphiQL from the settings the page embeds as JSON. It lives in a file rather than in the
// page so that the page runs no inline script and a strict Content-Security-Policy can allow it.
(function () {
  "use strict";
  var config = JSON.parse(
    document.getElementById("mailgql-graphiql-config").textContent,
  );
  var fetcher = GraphiQL.createFetcher({
    url: config.endpoint,
    headers: config.headers,
    // The gateway answers one JSON result per request; multipart delivery is not served.
    enableIncrementalDelivery: false,
  });
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(
      GraphiQL,
      {
        fetcher: fetcher,
        defaultQuery: config.defaultQuery,
        defaultEditorToolsVisibility: true,
      },
      React.createElement(GraphiQL.Logo, null, config.title),
    ),
  );
})();
