/**
 * tslab's ZeroMQ server, with execute requests carrying a {@link CellRun} so the executor can
 * publish `execute_result` and `error` messages, and with a correct `comm_info_reply`.
 * Sockets, signing, the shell/control/heartbeat loops and shutdown are tslab's `ZmqServer`.
 */
import { ZmqServer } from 'tslab/dist/jupyter';
import { attachCellRun, CellRun } from './cellRun';

/** tslab's message class is not exported; its type is reachable through the server's methods. */
type ShellMessage = Parameters<ZmqServer['handleExecute']>[1];
type Socket = Parameters<ZmqServer['handleExecute']>[0];
type Handler = ZmqServer['handler'];
type ExecuteRequest = Parameters<Handler['handleExecute']>[0];
type DisplayWriter = Parameters<Handler['handleExecute']>[2];

/** See the module comment. Construct with a `LessonsHandler` and the connection file's path. */
export class LessonsServer extends ZmqServer {
  /** Sends `content` as an iopub message of type `msgType` whose parent is `parent`. */
  private publish(parent: ShellMessage, msgType: string, content: object): void {
    const msg = parent.createReply();
    msg.header.msg_type = msgType;
    msg.content = content;
    msg.signAndSend(this.connInfo.key, this.iopub);
  }

  override async handleExecute(sock: Socket, msg: ShellMessage): Promise<void> {
    const request = msg.content as ExecuteRequest;
    const run = new CellRun((type, content) => this.publish(msg, type, content), request.silent === true);
    const writeStream = (name: string, text: string): void => this.publish(msg, 'stream', { name, text });
    const writeDisplay: DisplayWriter = (data, update) => this.publish(msg, update ? 'update_display_data' : 'display_data', data);
    const content = await this.handler.handleExecute(request, writeStream, attachCellRun(writeDisplay, run));
    const reply = msg.createReply();
    reply.header.msg_type = 'execute_reply';
    reply.content = content;
    reply.signAndSend(this.connInfo.key, sock);
  }

  /** tslab answers `comm_info_request` with a message typed `complete_reply`; this one is typed right. */
  override handleCommInfoRequest(sock: Parameters<ZmqServer['handleCommInfoRequest']>[0], msg: ShellMessage): void {
    const reply = msg.createReply();
    reply.header.msg_type = 'comm_info_reply';
    reply.content = { status: 'ok', comms: {} };
    reply.signAndSend(this.connInfo.key, sock);
  }
}
