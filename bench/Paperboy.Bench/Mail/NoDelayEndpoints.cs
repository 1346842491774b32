using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;

namespace Paperboy.Bench.Mail;

/// <summary>
/// SmtpServer's endpoint listening, with Nagle's algorithm off on every accepted connection and without TLS. The
/// package's own listener leaves Nagle on while it writes each reply of a pipelined batch (MAIL FROM, RCPT TO,
/// DATA) separately, so a reply waits for the client's delayed ACK: measured here, that alone held one connection to
/// about 22 messages/s whatever the sender did. MTAs such as Postfix write a batch's replies together.
/// </summary>
internal sealed class NoDelayEndpoints : IEndpointListenerFactory
{
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The port the endpoint was bound to (it is defined with port 0).</summary>
    public Task<int> Port => _port.Task;

    public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
    {
        var listener = new TcpListener(endpointDefinition.Endpoint);
        listener.Start();
        _port.TrySetResult(((IPEndPoint)listener.LocalEndpoint).Port);
        return new Listener(listener);
    }

    private sealed class Listener(TcpListener listener) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            return new PlainPipe(client);
        }

        public void Dispose() => listener.Stop();
    }

    private sealed class PlainPipe(TcpClient client) : ISecurableDuplexPipe
    {
        public PipeReader Input { get; } = PipeReader.Create(client.GetStream());
        public PipeWriter Output { get; } = PipeWriter.Create(client.GetStream());
        public bool IsSecure => false;
        public SslProtocols SslProtocol => SslProtocols.None;

        public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("the benchmark sink has no TLS");

        public void Dispose() => client.Dispose();
    }
}
