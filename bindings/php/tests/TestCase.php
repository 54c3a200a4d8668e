<?php

declare(strict_types=1);

namespace Bts\Tests;

use Bts\Client;

/** Base class: a clean sandbox (no faults, counts at zero) and a fresh client per test. */
abstract class TestCase extends \PHPUnit\Framework\TestCase
{
    protected Sandbox $sandbox;
    protected Client $client;

    public const ORDER = [
        'senderCityId' => 3,
        'senderAddress' => "Toshkent sh., Bobur ko\u{2018}chasi, 5-A",
        'senderReal' => 'Jurabek Turdiyev',
        'senderPhone' => '+998 99 1234567',
        'weight' => 2,
        'packageId' => 8,
        'postTypeId' => 4,
        'receiver' => 'Odil Ahkmedov',
        'receiverAddress' => 'Gozovo qish. 41 uy',
        'receiverCityId' => 3,
        'receiverPhone' => '+998 99 1234567',
    ];

    public const CALC = ['senderCityId' => 3, 'receiverCityId' => 3, 'weight' => 1];

    protected function setUp(): void
    {
        $this->sandbox = Sandbox::get();
        $this->sandbox->clearFaults();
        $this->sandbox->resetCounts();
        $this->client = new Client($this->sandbox->config());
    }

    protected function tearDown(): void
    {
        $this->client->close();
        $this->sandbox->clearFaults();
    }

    /** A local TCP port with nothing listening on it. */
    protected static function closedPort(): int
    {
        $server = stream_socket_server('tcp://127.0.0.1:0');
        $name = stream_socket_get_name($server, false);
        fclose($server);
        return (int) substr($name, strrpos($name, ':') + 1);
    }
}
